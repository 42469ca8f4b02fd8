// Library models of SQLite (models/sqlite.yaml): connections opened through an
// out-parameter, statements, and sqlite3_malloc memory.
// REQUIRES-HEADER: sqlite3.h libsqlite3-dev
#include <cstdlib>
#include <sqlite3.h>

// "Whether or not an error occurs when it is opened", the connection must be closed.
int connectionLeaks(const char *Path) {
  sqlite3 *Db = nullptr;
  if (sqlite3_open(Path, &Db) != SQLITE_OK) // expect-note: ownership-leak {{allocated here}}
    return 1; // expect: ownership-leak {{'Db'}}
  sqlite3_close(Db);
  return 0;
}

int connectionClosed(const char *Path) {
  sqlite3 *Db = nullptr;
  int Rc = sqlite3_open(Path, &Db);
  if (Rc == SQLITE_OK)
    Rc = sqlite3_exec(Db, "select 1", nullptr, nullptr, nullptr);
  sqlite3_close(Db);
  return Rc;
}

int statementAfterFinalize(sqlite3 *Db) {
  sqlite3_stmt *Stmt = nullptr;
  if (sqlite3_prepare_v2(Db, "select 1", -1, &Stmt, nullptr) != SQLITE_OK)
    return 1;
  sqlite3_finalize(Stmt); // expect-note: ownership-use-after-free {{freed here}}
  return sqlite3_step(Stmt); // expect: ownership-use-after-free {{'Stmt'}}
}

int statementFinalized(sqlite3 *Db) {
  sqlite3_stmt *Stmt = nullptr;
  if (sqlite3_prepare_v2(Db, "select 1", -1, &Stmt, nullptr) != SQLITE_OK)
    return 1;
  int Rc = sqlite3_step(Stmt);
  sqlite3_finalize(Stmt);
  return Rc;
}

void textFreedWithFree(int N) {
  char *Sql = sqlite3_mprintf("select %d", N); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  free(Sql); // expect: ownership-mismatched-dealloc {{allocated with 'sqlite3_mprintf' but is released with 'free'}}
}

void textFreedWithSqliteFree(int N) {
  char *Sql = sqlite3_mprintf("select %d", N);
  sqlite3_free(Sql);
}
