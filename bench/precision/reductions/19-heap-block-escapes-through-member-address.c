// From libuv1, test/blackhole-server.c (connection_cb), test/echo-server.c (after_read),
// test/benchmark-multi-accept.c (ipc_connection_cb) and
// test/test-ipc-heavy-traffic-deadlock-bug.c (do_write) [ownership-leak] "memory allocated
// by 'malloc' and owned by 'conn' is leaked when 'conn' goes out of scope".
// Pattern: libuv's handle idiom. A heap block embeds a handle or request; the address of
// that member ('&conn->handle') is registered with the event loop through an unknown
// function, and a later callback gets the block back with container_of (or a cast, when
// the member is the first one) and frees it. Passing the address of a member of a heap
// block to an unknown function lets the whole block escape. Compiles as C; as C++ too.
#include <stddef.h>
#include <stdlib.h>

typedef struct {
  void* data;
  int fd;
} tcp_handle;

typedef struct {
  tcp_handle handle;
  char buffer[64];
} conn_rec;

int tcp_init(void* loop, tcp_handle* handle);
int read_start(tcp_handle* handle, void (*read_cb)(tcp_handle*, long));

static void read_cb(tcp_handle* handle, long nread) {
  conn_rec* conn = (conn_rec*)((char*)handle - offsetof(conn_rec, handle));
  if (nread < 0)
    free(conn);
}

void connection_cb(void* loop) {
  conn_rec* conn = (conn_rec*)malloc(sizeof *conn);
  if (conn == NULL)
    return;
  tcp_init(loop, &conn->handle);
  read_start(&conn->handle, read_cb);
}  // reported: 'conn' leaked here
