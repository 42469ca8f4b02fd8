// Part of the guide's Make example: memory released twice on the error path.
#include <cstdlib>
#include <cstring>

bool store(char *copy);

bool record(const char *entry) {
  char *copy = static_cast<char *>(std::malloc(std::strlen(entry) + 1));
  if (!copy)
    return false;
  std::strcpy(copy, entry);
  if (!store(copy)) {
    std::free(copy);
  }
  std::free(copy);
  return true;
}
