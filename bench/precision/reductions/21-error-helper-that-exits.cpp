// From glslang, StandAlone/StandAlone.cpp, ReadFileData [ownership-use-after-free]
// "'return_data' may be used after the memory it points to was freed".
// Pattern: an error helper defined in the same unit ends with exit() but is not declared
// [[noreturn]]. After 'free(p); Error("...");' the path ends, so the later use of 'p' is
// reached only when nothing was freed.
#include <cstdio>
#include <cstdlib>

void Error(const char* message) {
  std::fprintf(stderr, "Error: %s\n", message);
  std::exit(1);
}

char* readFileData(std::FILE* in, int count) {
  char* return_data = static_cast<char*>(std::malloc(count + 1));
  if (static_cast<int>(std::fread(return_data, 1, count, in)) != count) {
    std::free(return_data);
    Error("can't read input file");
  }
  return_data[count] = '\0';  // reported here
  return return_data;
}
