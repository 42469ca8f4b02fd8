// From re2, re2/regexp.cc, Regexp::Destroy [ownership-double-free] "memory owned by 're' may
// be released twice" and [ownership-use-after-free] "'re' may be used after the memory it
// points to was freed" (both "in a previous iteration of the loop").
// Pattern: a recursive destruction done with an explicit stack threaded through the nodes.
// Each iteration pops the top node, moves 'stack' to the next one (or pushes children),
// and deletes the popped node: no node is popped twice.
struct Node {
  Node* down_ = nullptr;
  Node** subs_ = nullptr;
  int nsub_ = 0;
  int ref_ = 1;
};

void destroy(Node* self) {
  self->down_ = nullptr;
  Node* stack = self;
  while (stack != nullptr) {
    Node* re = stack;
    stack = re->down_;  // reported: use after free
    for (int i = 0; i < re->nsub_; i++) {
      Node* sub = re->subs_[i];
      if (--sub->ref_ == 0) {
        sub->down_ = stack;
        stack = sub;
      }
    }
    delete re;  // reported: double free
  }
}
