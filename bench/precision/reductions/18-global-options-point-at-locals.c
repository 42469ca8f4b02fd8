// From libuv1, test/test-spawn.c (20 tests), test/test-fs.c (fs_utime, fs_futime),
// test/test-stdio-over-pipes.c and test/benchmark-spawn.c [ownership-dangling] "'stdio'
// does not live long enough: 'options.stdio' still refers to it when the function
// returns". True but intended (23 findings).
// Pattern (recurring): a test fills a file-scope options struct (or a request's 'data'
// field) with pointers to its own locals, runs the event loop to completion inside the
// function, and returns. The global keeps dangling pointers, but every test resets it
// before the next use. Compiles as C; as C++ too.
#include <stddef.h>

typedef struct {
  int flags;
  int fd;
} stdio_container;

typedef struct {
  const char* file;
  char** env;
  stdio_container* stdio;
  int stdio_count;
} process_options;

static process_options options;

int spawn(const process_options* opts);
int run_loop(void);

static void init_process_options(const char* file) {
  options.file = file;
  options.env = NULL;
  options.stdio = NULL;
  options.stdio_count = 0;
}

int run_test_spawn_stdout(void) {
  stdio_container stdio[2];
  init_process_options("spawn_helper");
  options.stdio = stdio;  // reported here
  options.stdio_count = 2;
  stdio[0].flags = 0;
  stdio[1].flags = 1;
  if (spawn(&options) != 0)
    return 1;
  return run_loop();
}
