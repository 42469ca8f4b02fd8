// From libebml, src/StdIOCallback.cpp, StdIOCallback::close [ownership-use-after-free]
// "'File' used after the memory it points to was freed".
// Pattern: after fclose() fails, the error message prints the FILE pointer with
// operator<<(const void *): the address, not the stream. Reading a freed pointer's value
// is not a use of the memory it pointed to.
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string>

class FileSink {
public:
  explicit FileSink(const char *Path) : File(std::fopen(Path, "w")) {}
  void close() {
    if (File == nullptr)
      return;
    if (std::fclose(File) != 0) {
      std::stringstream Msg;
      Msg << "Can't close file " << File; // reported here
      throw std::runtime_error(Msg.str());
    }
    File = nullptr;
  }

private:
  std::FILE *File;
};
