// From re2, re2/onepass.cc, Prog::IsOnePass [ownership-invalidated-reference] "'node' may
// be used after it was invalidated".
// Pattern: a pointer into a vector's buffer is re-derived from data() right after every
// insert that may reallocate ("Update node because it might have been invalidated"), and a
// goto-driven work loop uses it afterwards. Every use follows a re-derivation.
#include <cstdint>
#include <vector>

struct State { uint32_t action[4]; };

static State* toNode(uint8_t* nodes, int size, int index) {
  return reinterpret_cast<State*>(nodes + size * index);
}

bool fill(const int* next, int n, int size) {
  std::vector<uint8_t> nodes;
  nodes.insert(nodes.end(), size, 0);
  int nalloc = 1;
  for (int k = 0; k < n; k++) {
    State* node = toNode(nodes.data(), size, 0);
    node->action[0] = 0;
    int id = k;
  Loop:
    switch (next[id]) {
      case 0: {
        if (nalloc < 8) {
          nalloc++;
          nodes.insert(nodes.end(), size, 0);
          node = toNode(nodes.data(), size, 0);  // re-derived at once
        }
        for (int b = 0; b < 4; b++) {
          uint32_t act = node->action[b];  // reported here
          if (act == 1)
            return false;
          node->action[b] = 1;
        }
        if (id + 1 < n) {
          id = id + 1;
          goto Loop;
        }
        break;
      }
      default:
        break;
    }
  }
  return true;
}
