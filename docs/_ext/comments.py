"""The ``comments`` directive of the memory-management draft.

The article this documentation grew from was a blog post, and its source ended with
``.. comments::``, the place where the blog platform put its reader-comment thread.
These docs are built offline and have no comment thread, but the directive is kept in
the source so that the article stays as written.

What it renders:

* ``.. comments::`` with no content renders **nothing visible**. In HTML output it
  leaves an ``<!-- comments -->`` marker where the thread was, so that a site that does
  add a comment system can hook into it; other builders emit nothing.
* ``.. comments::`` followed by an indented body renders that body as an admonition
  titled "Comments", for example to tell readers where to send corrections.

The directive takes no arguments or options; anything else is an error, which the
``-W`` docs build turns into a failure.
"""

from docutils import nodes
from docutils.parsers.rst import Directive


class comments_marker(nodes.General, nodes.Element):
    """Where the comment thread of the original article went."""


def visit_comments_marker_html(translator, node):
    translator.body.append("<!-- comments -->\n")
    raise nodes.SkipNode


def skip_node(translator, node):
    raise nodes.SkipNode


class CommentsDirective(Directive):
    has_content = True
    required_arguments = 0
    optional_arguments = 0
    final_argument_whitespace = False
    option_spec = {}

    def run(self):
        if not self.content:
            return [comments_marker()]
        box = nodes.admonition("\n".join(self.content), classes=["comments"])
        box += nodes.title("Comments", "Comments")
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


def setup(app):
    app.add_node(
        comments_marker,
        html=(visit_comments_marker_html, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_directive("comments", CommentsDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
