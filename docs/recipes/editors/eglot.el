;; init.el, with Eglot (built into Emacs 29).  Eglot runs one server per buffer, so
;; this replaces clangd in C and C++ buffers; use lsp-mode to have both.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((c-mode c++-mode c-ts-mode c++-ts-mode) . ("ownership-checker" "--lsp"))))
