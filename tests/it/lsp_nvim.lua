-- Run by tests/it/lsp.rs (`nvim --headless -u NONE -c 'luafile lsp_nvim.lua'`): Neovim's own
-- LSP client (0.7 API) starts `eindex lsp`, opens a .rules file, misspells a question id,
-- waits for the diagnostics, asks for a hover, and writes both as JSON for the test to read.
-- Environment: EINDEX_BIN (the binary), EINDEX_RULES_FILE (the file), EINDEX_NVIM_OUT (the result).

local out = { diagnostics = {}, hover = nil, errors = {} }

local function find(buf, needle)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, l in ipairs(lines) do
    local s = l:find(needle, 1, true)
    if s then
      return i - 1, s - 1
    end
  end
  error("not in the file: " .. needle)
end

local function main()
  local file = os.getenv("EINDEX_RULES_FILE")
  local id = vim.lsp.start_client({
    name = "eindex",
    cmd = { os.getenv("EINDEX_BIN"), "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
  })
  assert(id, "the client did not start")
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, id)
  local ready = vim.wait(20000, function()
    local c = vim.lsp.get_client_by_id(id)
    return c ~= nil and c.initialized
  end, 20)
  assert(ready, "the server did not initialise")

  -- the typo, typed into the buffer (sent as an incremental change, never saved)
  local row, col = find(buf, "match q_websites_count")
  col = col + #"match "
  vim.api.nvim_buf_set_text(buf, row, col, row, col + #"q_websites_count", { "q_websites_cuont" })
  local got = vim.wait(20000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  assert(got, "no diagnostics came")
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      code = d.code or lsp.code,
    })
  end

  -- hover on another question of the file
  local hrow, hcol = find(buf, "sum q_social_media")
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = hrow, character = hcol + #"sum " + 2 },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 20000)
  for _, r in pairs(responses or {}) do
    if r.result and r.result.contents then
      out.hover = r.result.contents.value
    elseif r.err then
      table.insert(out.errors, vim.inspect(r.err))
    end
  end
  vim.lsp.stop_client(id)
end

local ok, err = pcall(main)
if not ok then
  table.insert(out.errors, tostring(err))
end
local f = io.open(os.getenv("EINDEX_NVIM_OUT"), "w")
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
