// A release followed by a call that does not return: the later use is reached only on
// the path where nothing was freed (an error helper ending in exit(), not declared
// [[noreturn]]).
#include <cstdio>
#include <cstdlib>

void error(const char *Message) {
  std::fprintf(stderr, "Error: %s\n", Message);
  std::exit(1);
}

void warn(const char *Message) { std::fprintf(stderr, "Warning: %s\n", Message); }

char *readData(std::FILE *In, int Count) {
  char *Data = static_cast<char *>(std::malloc(Count + 1));
  if (static_cast<int>(std::fread(Data, 1, Count, In)) != Count) {
    std::free(Data);
    error("cannot read");
  }
  Data[Count] = '\0';
  return Data;
}

char *readDataAndWarn(std::FILE *In, int Count) {
  char *Data = static_cast<char *>(std::malloc(Count + 1));
  if (static_cast<int>(std::fread(Data, 1, Count, In)) != Count) {
    std::free(Data); // expect-note: ownership-use-after-free {{freed here}}
    warn("cannot read");
  }
  Data[Count] = '\0'; // expect: ownership-use-after-free {{'Data' may be used after}}
  return Data;
}

void freeTwiceUnlessThrown(int *P, bool Bad) {
  if (Bad) {
    std::free(P);
    throw 1;
  }
  std::free(P);
}
