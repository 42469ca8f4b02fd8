// From zeromq3, src/radix_tree.cpp, make_node [ownership-leak] "memory allocated by
// 'malloc' and owned by 'data' is leaked when 'data' goes out of scope at this return".
// Pattern: a small by-value handle class wraps a raw malloc'd block: its constructor keeps
// the pointer in a member initializer, and the handle is returned by value. Ownership moves
// into the returned handle (the tree frees the block later through it).
#include <cstdint>
#include <cstdlib>
#include <cstring>

class node_t {
 public:
  explicit node_t(unsigned char* data) : _data(data) {}
  void set_refcount(uint32_t value) { std::memcpy(_data, &value, sizeof value); }
  unsigned char* data() const { return _data; }

 private:
  unsigned char* _data;
};

node_t make_node(size_t refcount, size_t prefix_length) {
  unsigned char* data = static_cast<unsigned char*>(std::malloc(sizeof(uint32_t) + prefix_length));
  if (!data)
    std::abort();
  node_t node(data);
  node.set_refcount(static_cast<uint32_t>(refcount));
  return node;  // reported here
}

void free_node(node_t node) { std::free(node.data()); }
