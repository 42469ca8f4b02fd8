// From glslang, SPIRV/GlslangToSpv.cpp, TGlslangToSpvTraverser::TranslateLiterals and
// convertGlslangToSpvType [ownership-dangling] "'literalPtr' may be used after 'literal',
// which it borrows from, was destroyed".
// Pattern: in the body of a range-for, a local and a pointer to it are declared together;
// an inner do-while re-points the pointer at the local. The next iteration declares and
// initialises both again, so no use sees a previous iteration's local. (The same body in
// an index-based for loop is not reported.)
#include <vector>

void pack(const std::vector<const char*>& strs, std::vector<unsigned>& literals) {
  for (const char* str : strs) {
    unsigned literal = 0;
    char* literalPtr = reinterpret_cast<char*>(&literal);
    char ch = 0;
    do {
      ch = *(str++);
      *(literalPtr++) = ch;  // reported here
      if (ch == ' ') {
        literals.push_back(literal);
        literalPtr = reinterpret_cast<char*>(&literal);
      }
    } while (ch != 0);
  }
}
