" ~/.vimrc, with the vim-lsp plugin (prabirshrestha/vim-lsp).
if executable('ownership-checker')
  augroup ownership_checker
    autocmd!
    autocmd User lsp_setup call lsp#register_server({
          \ 'name': 'ownership-checker',
          \ 'cmd': {server_info->['ownership-checker', '--lsp']},
          \ 'allowlist': ['c', 'cpp'],
          \ })
  augroup END
endif
