// From zeromq3, src/pipe.cpp, zmq::pipepair [ownership-leak] "memory allocated by 'new' and
// owned by 'upipe1' may be leaked when 'upipe1' goes out of scope at this return".
// Pattern: two queues are allocated with new (std::nothrow), checked with alloc_assert,
// and handed to 'new (std::nothrow) pipe_t (...)', whose constructor keeps them in member
// initializers (pipe_t deletes them when it terminates). alloc_assert calls zmq_abort,
// declared __attribute__ ((analyzer_noreturn)), when an allocation failed: the path where
// the pipe_t was not made never returns. Ownership of the queues moves to the pipes.
// The finding stays with a plain 'new Pipe' and with [[noreturn]] instead of
// analyzer_noreturn: the constructor's member initializers are what is missed (issue 15,
// pattern 3); analyzer_noreturn should count as noreturn as well.
#include <cstdio>
#include <new>

void zmq_abort(const char* errmsg) __attribute__((analyzer_noreturn));

#define alloc_assert(x)                         \
  do {                                          \
    if (!(x)) {                                 \
      std::fprintf(stderr, "out of memory\n");  \
      zmq_abort("out of memory");               \
    }                                           \
  } while (false)

struct Queue {
  int items[4] = {};
};

struct Pipe {
  Pipe(Queue* in, Queue* out) : in_(in), out_(out) {}
  ~Pipe() { delete in_; }  // each pipe deletes its inbound queue
  void set_peer(Pipe* peer) { peer_ = peer; }
  Queue* in_;
  Queue* out_;
  Pipe* peer_ = nullptr;
};

int pipepair(Pipe* (&pipes)[2]) {
  Queue* upipe1 = new (std::nothrow) Queue();
  alloc_assert(upipe1);
  Queue* upipe2 = new (std::nothrow) Queue();
  alloc_assert(upipe2);

  pipes[0] = new (std::nothrow) Pipe(upipe1, upipe2);
  alloc_assert(pipes[0]);
  pipes[1] = new (std::nothrow) Pipe(upipe2, upipe1);
  alloc_assert(pipes[1]);

  pipes[0]->set_peer(pipes[1]);
  pipes[1]->set_peer(pipes[0]);
  return 0;  // reported: 'upipe1' and 'upipe2' may be leaked here
}
