// ownership-leak in C: realloc-style helpers called with size 0, and heap blocks handed on
// through the address of one of their members.
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

// ===== A realloc-style helper: size 0 frees the block and returns NULL =====

static void *resize(void *p, size_t n) {
  if (n == 0) {
    free(p);
    return NULL;
  }
  return realloc(p, n);
}

static char *grow(size_t n) {
  if (!n)
    return NULL;
  return malloc(n);
}

void resizedToZero(void) {
  char *buf = malloc(16);
  if (!buf)
    return;
  buf[0] = 'x';
  resize(buf, 0); // frees buf, returns NULL: nothing to keep
}

void resizedToSixteen(void) {
  resize(NULL, 16); // expect: ownership-leak {{result of 'resize' (which allocates with 'malloc') is discarded}}
}

void grownByZero(void) {
  grow(0);
}

void grownByOne(void) {
  grow(1); // expect: ownership-leak {{result of 'grow' (which allocates with 'malloc') is discarded}}
}

// ===== A block handed on through the address of a member =====

typedef struct {
  void *data;
  int fd;
} handle_t;

typedef struct {
  handle_t handle;
  char buffer[64];
} conn_t;

int handle_init(handle_t *handle);
int handle_start(handle_t *handle);
void fill(char *buf, size_t n);
void look(const handle_t *handle);

void registeredThroughMember(void) {
  conn_t *conn = malloc(sizeof *conn);
  if (conn == NULL)
    return;
  handle_init(&conn->handle); // the loop may give the block back with container_of
}

void registeredThroughArrayMember(void) {
  conn_t *conn = malloc(sizeof *conn);
  if (conn == NULL)
    return;
  fill(conn->buffer, sizeof conn->buffer);
}

void memberOnlyLookedAt(void) {
  conn_t *conn = malloc(sizeof *conn); // expect-note: ownership-leak {{allocated here}}
  if (conn == NULL)
    return;
  look(&conn->handle); // pointer to const: read only
} // expect: ownership-leak {{owned by 'conn' is leaked when 'conn' goes out of scope}}

void memberAddressKeepsTheBlock(int depth) {
  short small[8];
  short *stack = small;
  for (int n = 0; n < depth; n++) {
    union {
      short s;
      double d;
    } *block = malloc(64);
    if (!block)
      return;
    memcpy(&block->s, stack, 8);
    if (stack != small)
      free(stack);
    stack = &block->s; // the block is owned by 'stack' from here on
    block += 1;
  }
  if (stack != small)
    free(stack);
}

void memberAddressThenFreed(void) {
  conn_t *conn = malloc(sizeof *conn);
  if (conn == NULL)
    return;
  handle_t *h = &conn->handle;
  free(conn); // expect-note: ownership-use-after-free {{freed here}}
  h->fd = 0;  // expect: ownership-use-after-free {{'h' used after the memory it points to was freed}}
}
