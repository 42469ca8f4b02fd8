// Library models of zlib (models/zlib.yaml): gzip file streams.
// REQUIRES-HEADER: zlib.h zlib1g-dev
#include <cstdio>
#include <zlib.h>

void gzipLeaks(const char *Path, char *Buf) {
  gzFile In = gzopen(Path, "rb"); // expect-note: ownership-leak {{allocated here}}
  if (!In)
    return;
  gzgets(In, Buf, 64);
} // expect: ownership-leak {{'In'}}

void gzipClosed(const char *Path, char *Buf) {
  gzFile In = gzopen(Path, "rb");
  if (!In)
    return;
  gzgets(In, Buf, 64);
  gzclose(In);
}

void gzipClosedAsFile(const char *Path) {
  gzFile In = gzopen(Path, "rb"); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  if (In)
    fclose(reinterpret_cast<FILE *>(In)); // expect: ownership-mismatched-dealloc {{allocated with 'gzopen}}
}

void gzipUsedAfterClose(const char *Path, char *Buf) {
  gzFile In = gzopen(Path, "rb");
  if (!In)
    return;
  gzclose(In); // expect-note: ownership-use-after-free {{freed here}}
  gzgets(In, Buf, 64); // expect: ownership-use-after-free {{'In'}}
}
