// ownership-use-after-free and ownership-double-free in loops that walk and free linked
// structures: a pointer given a new node each iteration is never the node freed in an
// earlier one.

struct Node {
  Node *down = nullptr;
  Node *next = nullptr;
  Node **subs = nullptr;
  int nsub = 0;
  int refs = 1;
  int *value = nullptr;
};

// ===== An explicit stack threaded through the nodes =====

void destroyWithStack(Node *self) {
  self->down = nullptr;
  Node *stack = self;
  while (stack != nullptr) {
    Node *re = stack;
    stack = re->down;
    for (int i = 0; i < re->nsub; i++) {
      Node *sub = re->subs[i];
      if (--sub->refs == 0) {
        sub->down = stack;
        stack = sub;
      }
    }
    delete re;
  }
}

void destroyWithStackWrong(Node *self) {
  Node *stack = self;
  while (stack != nullptr) {
    Node *re = stack;
    delete re;        // expect-note: ownership-use-after-free {{freed here}}
    stack = re->down; // expect: ownership-use-after-free {{'re' used after the memory it points to was freed}}
  }
}

// ===== Pruning a list with 'previous' and 'current' =====

struct List {
  Node *head = nullptr;

  void prune() {
    Node *current = head;
    Node *previous = nullptr;
    Node *dead = nullptr;
    while (current) {
      if (current->value == nullptr) {
        dead = current;
        if (previous == nullptr)
          head = current = current->next;
        else
          current = previous->next = current->next;
        delete dead;
      } else {
        previous = current;
        current = current->next;
      }
    }
  }

  void pruneWrong() {
    Node *current = head;
    while (current) {
      if (current->value == nullptr) {
        delete current;           // expect-note: ownership-use-after-free {{freed here}}
        current = current->next;  // expect: ownership-use-after-free {{'current' used after the memory it points to was freed}}
      } else {
        current = current->next;
      }
    }
  }
};
