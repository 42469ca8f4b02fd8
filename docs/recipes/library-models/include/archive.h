// A C library the checker has no model of: archives are opened, read and closed.
#pragma once
extern "C" {
typedef struct archive archive;
archive *archive_open(const char *path);
const char *archive_entry_name(archive *a, int index);
void archive_close(archive *a);
}
