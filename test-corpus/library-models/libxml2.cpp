// Library models of libxml2 (models/libxml2.yaml): documents, nodes, and the strings
// released with xmlFree.
// REQUIRES-HEADER: libxml2/libxml/tree.h libxml2-dev
// RUN-ARGS: -std=c++17 -I/usr/include/libxml2
#include <cstdlib>
#include <libxml/parser.h>
#include <libxml/tree.h>

int visit(const xmlNode *Node);

void documentLeaks(const char *Path) {
  xmlDocPtr Doc = xmlReadFile(Path, nullptr, 0); // expect-note: ownership-leak {{allocated here}}
  if (!Doc)
    return;
} // expect: ownership-leak {{'Doc'}}

// The root element belongs to the document.
int rootAfterFree(const char *Path) {
  xmlDocPtr Doc = xmlReadFile(Path, nullptr, 0);
  if (!Doc)
    return 1;
  xmlNodePtr Root = xmlDocGetRootElement(Doc);
  xmlFreeDoc(Doc); // expect-note: ownership-use-after-free {{freed here}}
  return visit(Root); // expect: ownership-use-after-free {{'Root'}}
}

int rootBeforeFree(const char *Path) {
  xmlDocPtr Doc = xmlReadFile(Path, nullptr, 0);
  if (!Doc)
    return 1;
  int N = visit(xmlDocGetRootElement(Doc));
  xmlFreeDoc(Doc);
  return N;
}

void propertyFreedWithFree(xmlNodePtr Node) {
  xmlChar *Id = xmlGetProp(Node, BAD_CAST "id"); // expect-note: ownership-mismatched-dealloc {{allocated here}}
  free(Id); // expect: ownership-mismatched-dealloc {{allocated with 'xmlGetProp' but is released with 'free'}}
}

void propertyFreedWithXmlFree(xmlNodePtr Node) {
  xmlChar *Id = xmlGetProp(Node, BAD_CAST "id");
  xmlFree(Id);
}

void nodeLeaks() {
  xmlNodePtr Node = xmlNewNode(nullptr, BAD_CAST "item"); // expect-note: ownership-leak {{allocated here}}
  visit(Node);
} // expect: ownership-leak {{'Node'}}

// A node added to a parent belongs to the parent.
void nodeAdopted(xmlNodePtr Parent) {
  xmlNodePtr Node = xmlNewNode(nullptr, BAD_CAST "item");
  xmlAddChild(Parent, Node);
}
