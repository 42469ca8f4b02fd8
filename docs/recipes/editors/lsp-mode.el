;; init.el, with lsp-mode: an add-on server runs beside clangd in the same buffer.
(with-eval-after-load 'lsp-mode
  (lsp-register-client
   (make-lsp-client :new-connection (lsp-stdio-connection '("ownership-checker" "--lsp"))
                    :activation-fn (lsp-activate-on "c" "cpp")
                    :add-on? t
                    :server-id 'ownership-checker)))
