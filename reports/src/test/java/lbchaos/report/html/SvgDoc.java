package lbchaos.report.html;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Parses one inline SVG out of the page as XML: proves it well-formed and lets tests count. */
final class SvgDoc {

  private final Document doc;

  private SvgDoc(Document doc) {
    this.doc = doc;
  }

  static SvgDoc of(String html, String id) throws Exception {
    int from = html.indexOf("<svg id=\"" + id + "\"");
    if (from < 0) {
      throw new AssertionError("no svg with id " + id);
    }
    int to = html.indexOf("</svg>", from) + "</svg>".length();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    return new SvgDoc(f.newDocumentBuilder()
        .parse(new InputSource(new StringReader(html.substring(from, to)))));
  }

  Element root() {
    return doc.getDocumentElement();
  }

  List<Element> all(String tag, String cls) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      List<String> classes = List.of(e.getAttribute("class").split(" "));
      if (cls == null || classes.containsAll(List.of(cls.split(" ")))) {
        out.add(e);
      }
    }
    return out;
  }

  List<String> texts(String cls) {
    return all("text", cls).stream().map(Element::getTextContent).toList();
  }
}
