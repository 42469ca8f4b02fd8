// From glslang, glslang/MachineIndependent/glslang_tab.cpp (bison-generated), yyparse
// [ownership-leak] "memory allocated by 'malloc' and owned by 'yyptr' is leaked when 'yyptr'
// goes out of scope".
// Pattern: bison's stack growth. The new block is allocated through a union pointer
// 'yyptr'; YYSTACK_RELOCATE copies the old stack into it and takes it over with
// 'yyss = &yyptr->yyss_alloc' (the union's first member: the block's own address), then
// advances 'yyptr' past it. The block is owned by 'yyss' from then on and freed by
// 'if (yyss != yyssa) free(yyss)' at the end. Compiles as C; as C++ too.
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

union yyalloc {
  short yyss_alloc;
  double yyvs_alloc;
};

int parse(int depth) {
  short yyssa[8];
  short* yyss = yyssa;
  size_t yystacksize = 8;
  for (int n = 0; n < depth; n++) {
    size_t yysize = yystacksize;
    yystacksize *= 2;
    {
      short* yyss1 = yyss;
      union yyalloc* yyptr = (union yyalloc*)malloc(yystacksize * sizeof(short) + 16);
      if (!yyptr)
        return 2;
      memcpy(&yyptr->yyss_alloc, yyss, yysize * sizeof(short));
      yyss = &yyptr->yyss_alloc;
      yyptr += (yystacksize * sizeof(short)) / sizeof(*yyptr);
      if (yyss1 != yyssa)
        free(yyss1);
    }  // reported: 'yyptr' leaked here
  }
  if (yyss != yyssa)
    free(yyss);
  return 0;
}
