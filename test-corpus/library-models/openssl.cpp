// Library models of OpenSSL (models/openssl.yaml): each object type is its own family,
// released by its own free function; *_up_ref adds an owner.
// REQUIRES-HEADER: openssl/x509.h libssl-dev
#include <cstdlib>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

int inspect(const X509 *Cert);

// ===== Certificates =====

void certificateLeaks(BIO *In) {
  X509 *Cert = PEM_read_bio_X509(In, nullptr, nullptr, nullptr); // expect-note: ownership-leak {{allocated here}}
  if (!Cert)
    return;
  inspect(Cert);
} // expect: ownership-leak {{'Cert'}}

void certificateFreed(BIO *In) {
  X509 *Cert = PEM_read_bio_X509(In, nullptr, nullptr, nullptr);
  if (!Cert)
    return;
  inspect(Cert);
  X509_free(Cert);
}

void certificateReleasedWithFree() {
  X509 *Cert = X509_new(); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  free(Cert); // expect: ownership-mismatched-dealloc {{'Cert' was allocated with 'X509_new' but is released with 'free'}}
}

void certificateUsedAfterFree() {
  X509 *Cert = X509_new();
  if (!Cert)
    return;
  X509_free(Cert); // expect-note: ownership-use-after-free {{freed here}}
  inspect(Cert); // expect: ownership-use-after-free {{'Cert'}}
}

// The subject name belongs to the certificate.
int subjectAfterFree(X509 *Owned) {
  X509_NAME *Subject = X509_get_subject_name(Owned);
  X509_free(Owned); // expect-note: ownership-use-after-free {{freed here}}
  return X509_NAME_entry_count(Subject); // expect: ownership-use-after-free {{'Subject'}}
}

int subjectBeforeFree(X509 *Owned) {
  X509_NAME *Subject = X509_get_subject_name(Owned);
  int N = X509_NAME_entry_count(Subject);
  X509_free(Owned);
  return N;
}

// An added reference is released once per owner: not a double free.
void sharedCertificate(X509 *Cert) {
  X509_up_ref(Cert);
  X509_free(Cert);
  X509_free(Cert);
}

// ===== BIOs and EVP contexts =====

void memoryBioLeaks(const char *Pem) {
  BIO *In = BIO_new_mem_buf(Pem, -1); // expect-note: ownership-leak {{allocated here}}
  if (!In)
    return;
} // expect: ownership-leak {{'In'}}

void memoryBioFreed(const char *Pem) {
  BIO *In = BIO_new_mem_buf(Pem, -1);
  if (!In)
    return;
  BIO_free(In);
}

void digestContextFreedAsCipher() {
  EVP_MD_CTX *Ctx = EVP_MD_CTX_new(); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  EVP_CIPHER_CTX_free(reinterpret_cast<EVP_CIPHER_CTX *>(Ctx)); // expect: ownership-mismatched-dealloc {{allocated with 'EVP_MD_CTX_new' but is released with 'EVP_CIPHER_CTX_free'}}
}

void digestContextFreed() {
  EVP_MD_CTX *Ctx = EVP_MD_CTX_new();
  EVP_MD_CTX_free(Ctx);
}

void keyFreedTwice() {
  EVP_PKEY *Key = EVP_PKEY_new();
  EVP_PKEY_free(Key); // expect-note: ownership-double-free {{first released here}}
  EVP_PKEY_free(Key); // expect: ownership-double-free {{'Key'}}
}

// OPENSSL_free is a macro for CRYPTO_free.
void hexFreedWithOpensslFree(const BIGNUM *N) {
  char *Hex = BN_bn2hex(N);
  OPENSSL_free(Hex);
}

void hexFreedWithFree(const BIGNUM *N) {
  char *Hex = BN_bn2hex(N); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  free(Hex); // expect: ownership-mismatched-dealloc {{allocated with 'BN_bn2hex' but is released with 'free'}}
}
