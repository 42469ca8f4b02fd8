// Library models of libcurl (models/curl.yaml).
// REQUIRES-HEADER: curl/curl.h libcurl4-openssl-dev
#include <cstdlib>
#include <curl/curl.h>

int perform(CURL *Handle);

void handleLeaks() {
  CURL *Handle = curl_easy_init(); // expect-note: ownership-leak {{allocated here}}
  if (!Handle)
    return;
  curl_easy_setopt(Handle, CURLOPT_URL, "https://example.org");
} // expect: ownership-leak {{'Handle'}}

void handleCleanedUp() {
  CURL *Handle = curl_easy_init();
  if (!Handle)
    return;
  curl_easy_setopt(Handle, CURLOPT_URL, "https://example.org");
  curl_easy_cleanup(Handle);
}

void handleUsedAfterCleanup() {
  CURL *Handle = curl_easy_init();
  if (!Handle)
    return;
  curl_easy_cleanup(Handle); // expect-note: ownership-use-after-free {{freed here}}
  perform(Handle); // expect: ownership-use-after-free {{'Handle'}}
}

// The handle keeps the header list until the transfer is done; it stays the caller's.
int headersLeak(CURL *Handle) {
  struct curl_slist *Headers = nullptr;
  Headers = curl_slist_append(Headers, "Accept: text/plain"); // expect-note: ownership-leak {{allocated here}}
  curl_easy_setopt(Handle, CURLOPT_HTTPHEADER, Headers);
  return perform(Handle); // expect: ownership-leak {{'Headers'}}
}

int headersFreed(CURL *Handle) {
  struct curl_slist *Headers = nullptr;
  Headers = curl_slist_append(Headers, "Accept: text/plain");
  Headers = curl_slist_append(Headers, "X-Trace: 1");
  curl_easy_setopt(Handle, CURLOPT_HTTPHEADER, Headers);
  int Result = perform(Handle);
  curl_slist_free_all(Headers);
  return Result;
}

void escapedFreedWithFree(CURL *Handle) {
  char *Escaped = curl_easy_escape(Handle, "a b", 0); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  free(Escaped); // expect: ownership-mismatched-dealloc {{allocated with 'curl_easy_escape' but is released with 'free'}}
}

void escapedFreedWithCurlFree(CURL *Handle) {
  char *Escaped = curl_easy_escape(Handle, "a b", 0);
  curl_free(Escaped);
}
