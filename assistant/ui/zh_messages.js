// Rewrites Gradio's own English pop-up texts in Chinese as they appear (the rules come from
// prompts/ui/gradio_zh.yaml as window.FULIAN_ZH). Only text inside Gradio's pop-ups is touched.
(() => {
  const rules = window.FULIAN_ZH;
  const messages = rules.messages.map((m) => [new RegExp(m.pattern), m.zh]);
  const inToast = (node) => node.parentElement && node.parentElement.closest(".toast-body");
  const rewrite = (node) => {
    const text = node.nodeValue.trim();
    if (!text || !inToast(node)) return;
    if (node.parentElement.closest(".toast-title") && rules.titles[text]) {
      node.nodeValue = rules.titles[text];
      return;
    }
    for (const [pattern, zh] of messages) {
      if (pattern.test(text)) {
        node.nodeValue = text.replace(pattern, zh);
        return;
      }
    }
  };
  const walk = (root) => {
    if (root.nodeType === Node.TEXT_NODE) return rewrite(root);
    const it = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = it.nextNode(); n; n = it.nextNode()) rewrite(n);
  };
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === "characterData") rewrite(c.target);
      else c.addedNodes.forEach(walk);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
})();
