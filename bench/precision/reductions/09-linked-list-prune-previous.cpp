// From cpputest, src/CppUTestExt/MockExpectedCallsList.cpp,
// MockExpectedCallsList::pruneEmptyNodeFromList [ownership-use-after-free] "'previous' may
// be used after the memory it points to was freed" ("in a previous iteration of the loop").
// Pattern: removing nodes from a singly linked list while walking it with 'previous' and
// 'current'. Only 'current' is ever deleted, after stepping past it; 'previous' is set only
// in the branch that keeps the node, so it never points to a deleted node.
struct Node {
  int* value = nullptr;
  Node* next_ = nullptr;
};

struct List {
  Node* head_ = nullptr;

  void pruneEmpty() {
    Node* current = head_;
    Node* previous = nullptr;
    Node* toBeDeleted = nullptr;
    while (current) {
      if (current->value == nullptr) {
        toBeDeleted = current;
        if (previous == nullptr)
          head_ = current = current->next_;
        else
          current = previous->next_ = current->next_;  // reported here
        delete toBeDeleted;
      } else {
        previous = current;
        current = current->next_;
      }
    }
  }
};
