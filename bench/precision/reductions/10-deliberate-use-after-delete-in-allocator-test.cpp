// From cpputest, tests/CppUTest/MemoryOperatorOverloadTest.cpp, deleteInvalidatesMemory and
// deleteArrayInvalidatesMemory [ownership-use-after-free] "'memory' used after the memory it
// points to was freed". True but intended.
// Pattern (recurring): a test of a memory-leak detector's operator delete reads freed memory
// on purpose, to check that delete scribbled over it. The function is marked
// no_sanitize_address (by a macro that is empty in builds without ASan), which says the
// invalid access is deliberate.
#ifdef __SANITIZE_ADDRESS__
#define DO_NOT_SANITIZE_ADDRESS __attribute__((no_sanitize_address))
#else
#define DO_NOT_SANITIZE_ADDRESS
#endif

void check(bool condition);

DO_NOT_SANITIZE_ADDRESS
static void deleteInvalidatesMemory() {
  unsigned char* memory = new unsigned char;
  *memory = 0xAD;
  delete memory;
  check(*memory != 0xAD);  // reported here
}

void runTest() { deleteInvalidatesMemory(); }
