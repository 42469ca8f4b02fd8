-- With nvim-lspconfig: declare the server once, then set it up like any other.
local configs = require('lspconfig.configs')
if not configs.ownership_checker then
  configs.ownership_checker = {
    default_config = {
      cmd = { 'ownership-checker', '--lsp' },
      filetypes = { 'c', 'cpp' },
      root_dir = require('lspconfig.util').root_pattern('compile_commands.json', '.git'),
    },
  }
end
require('lspconfig').ownership_checker.setup({})
