-- ~/.config/nvim/init.lua (Neovim 0.10 or later): start the server for C and C++ buffers,
-- one per project, beside clangd.
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'c', 'cpp' },
  callback = function(args)
    vim.lsp.start({
      name = 'ownership-checker',
      cmd = { 'ownership-checker', '--lsp' },
      root_dir = vim.fs.root(args.buf, { 'compile_commands.json', 'build', '.git' }),
    })
  end,
})
