// ownership-use-after-free: printing the address a freed pointer held reads only the
// pointer's value (a report that names the handle that failed to close); printing what
// it pointed to reads freed memory.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

std::string closeFailed(FILE *F) {
  std::ostringstream Msg;
  if (std::fclose(F) != 0)
    Msg << "cannot close " << F; // the address: not a use of the stream
  return Msg.str();
}

void printFreedString() {
  char *S = static_cast<char *>(std::malloc(8));
  S[0] = '\0';
  std::free(S);
  std::cout << static_cast<const void *>(S) << '\n';
  std::cout << S << '\n'; // expect: ownership-use-after-free {{'S' used after the memory it points to was freed}}
}
