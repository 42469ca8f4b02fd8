// 'delete' of 'new[]' memory (line 5): the fix-it adds the brackets. The second function
// is already right and must stay as it is.
void arrayDeletedAsScalar() {
  int *Data = new int[4];
  delete Data;
}

void alreadyRight() {
  int *Data = new int[4];
  delete[] Data;
}
