// Library models of the C library and POSIX (models/c.yaml, models/posix.yaml): a leak,
// a mismatched release and a use after free per kind of resource, with clean look-alikes.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <sys/types.h>

// ===== Streams: fopen/fclose, popen/pclose =====

void streamLeaks(const char *Path, char *Buf) {
  FILE *F = fopen(Path, "r"); // expect-note: ownership-leak {{allocated here}}
  if (!F)
    return;
  fgets(Buf, 64, F);
} // expect: ownership-leak {{'F'}}

void streamClosed(const char *Path, char *Buf) {
  FILE *F = fopen(Path, "r");
  if (!F)
    return;
  fgets(Buf, 64, F);
  fclose(F);
}

void streamFreed(const char *Path) {
  FILE *F = fopen(Path, "r"); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  if (F)
    free(F); // expect: ownership-mismatched-dealloc {{'F' was allocated with 'fopen' but is released with 'free'}}
}

void streamUsedAfterClose(const char *Path, char *Buf) {
  FILE *F = fopen(Path, "r");
  if (!F)
    return;
  fclose(F); // expect-note: ownership-use-after-free {{freed here}}
  fgets(Buf, 64, F); // expect: ownership-use-after-free {{'F'}}
}

void pipeClosedWithFclose() {
  FILE *P = popen("ls", "r"); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  if (P)
    fclose(P); // expect: ownership-mismatched-dealloc {{allocated with 'popen' but is released with 'fclose'}}
}

void pipeClosedWithPclose() {
  FILE *P = popen("ls", "r");
  if (P)
    pclose(P);
}

// ===== Directory streams =====

void directoryLeaks(const char *Path) {
  DIR *D = opendir(Path); // expect-note: ownership-leak {{allocated here}}
  if (D == nullptr)
    return;
} // expect: ownership-leak {{'D'}}

void directoryClosed(const char *Path) {
  DIR *D = opendir(Path);
  if (D == nullptr)
    return;
  while (readdir(D) != nullptr) {
  }
  closedir(D);
}

void directoryClosedTwice(const char *Path) {
  DIR *D = opendir(Path);
  if (!D)
    return;
  closedir(D); // expect-note: ownership-double-free {{first released here}}
  closedir(D); // expect: ownership-double-free {{'D'}}
}

// ===== Allocating functions beyond malloc =====

void duplicateLeaks(const char *S) {
  char *Copy = strdup(S); // expect-note: ownership-leak {{allocated here}}
  if (!Copy)
    return;
  puts(Copy);
} // expect: ownership-leak {{'Copy'}}

void duplicateDeleted(const char *S) {
  char *Copy = strndup(S, 4); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  delete[] Copy; // expect: ownership-mismatched-dealloc {{allocated with 'strndup' but is released with 'delete[]'}}
}

void duplicateFreed(const char *S) {
  char *Copy = strndup(S, 4);
  free(Copy);
}

// getline allocates into *lineptr, which the caller frees even when the call fails.
void linesLeak(FILE *F) {
  char *Line = nullptr;
  size_t Cap = 0;
  while (getline(&Line, &Cap, F) != -1) // expect-note: ownership-leak {{allocated here}}
    puts(Line);
} // expect: ownership-leak {{'Line'}}

void linesFreed(FILE *F) {
  char *Line = nullptr;
  size_t Cap = 0;
  while (getline(&Line, &Cap, F) != -1)
    puts(Line);
  free(Line);
}

void lineFreedAfterOneCall(FILE *F) {
  char *Line = nullptr;
  size_t Cap = 0;
  if (getline(&Line, &Cap, F) != -1)
    puts(Line);
  free(Line); // freed even when the call failed: what it allocated is the caller's
}

void lineLeaksAfterOneCall(FILE *F) {
  char *Line = nullptr;
  size_t Cap = 0;
  if (getline(&Line, &Cap, F) != -1) // expect-note: ownership-leak {{allocated here}}
    puts(Line);
} // expect: ownership-leak {{'Line'}}

void lineDeleted(FILE *F) {
  char *Line = nullptr;
  size_t Cap = 0;
  if (getline(&Line, &Cap, F) != -1) // expect-note: ownership-mismatched-dealloc {{allocated here}}
    puts(Line);
  delete Line; // expect: ownership-mismatched-dealloc {{'Line' was allocated with 'getline' but is released with 'delete'}}
}

void linesDeletedAsArray(FILE *F) {
  char *Line = nullptr;
  size_t Cap = 0;
  while (getdelim(&Line, &Cap, ';', F) != -1) // expect-note: ownership-mismatched-dealloc {{allocated here}}
    puts(Line);
  delete[] Line; // expect: ownership-mismatched-dealloc {{released with 'delete[]'}}
}

void lineUsedAfterFree(FILE *F) {
  char *Line = nullptr;
  size_t Cap = 0;
  if (getline(&Line, &Cap, F) == -1) {
    free(Line);
    return;
  }
  free(Line); // expect-note: ownership-use-after-free {{freed here}}
  puts(Line); // expect: ownership-use-after-free {{'Line' used after}}
}

// realpath allocates only when it is given no buffer.
void resolvedLeaks(const char *Path) {
  char *Full = realpath(Path, nullptr); // expect-note: ownership-leak {{allocated here}}
  if (Full)
    puts(Full);
} // expect: ownership-leak {{'Full'}}

void resolvedIntoBuffer(const char *Path, char *Buf) {
  char *Full = realpath(Path, Buf);
  if (Full)
    puts(Full);
}

void resolvedUsedAfterFree(const char *Path) {
  char *Full = realpath(Path, nullptr);
  if (!Full)
    return;
  free(Full); // expect-note: ownership-use-after-free {{freed here}}
  puts(Full); // expect: ownership-use-after-free {{'Full'}}
}

// ===== Known limitations =====

// FIXME: asprintf sets its out-pointer only when it succeeds, which only its return value
// tells; it is not modelled as an allocator, so this leak is not found.
void formattedLeaks(int N) {
  char *Text = nullptr;
  if (asprintf(&Text, "%d", N) < 0)
    return;
  puts(Text);
}
