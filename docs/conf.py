# Sphinx configuration for the ownership-checker documentation.
#
# Built by the test suite (docs/CMakeLists.txt) with `sphinx-build -W -n`: every warning,
# including an unresolved internal reference, fails the build. Nothing here fetches from
# the network.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_ext"))

project = "ownership-checker"
author = "the ownership-checker authors"
copyright = "the ownership-checker authors, MIT license"
version = release = "0.1.0"

extensions = ["comments"]

root_doc = "index"
exclude_patterns = ["_build"]
templates_path = []

# Plain `::` blocks are shell commands or plain text; C++ includes say `:language: cpp`.
highlight_language = "none"
pygments_style = "sphinx"

html_theme = "alabaster"
html_theme_options = {
    "description": "Rust's ownership rules, checked in C++",
    "fixed_sidebar": False,
}
html_static_path = []
html_show_sourcelink = False
html_last_updated_fmt = None

# Every warning is an error in the test suite, so do not leave any to chance.
nitpicky = True
