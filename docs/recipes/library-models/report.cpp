#include <archive.h>
#include <cstdio>
#include <cstdlib>

int listFirst(const char *path) {
  archive *a = archive_open(path);
  if (!a)
    return 1;
  std::puts(archive_entry_name(a, 0));
  return 0;
}

void discard(const char *path) {
  archive *a = archive_open(path);
  std::free(a);
}
