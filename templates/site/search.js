/* unakn site search: MiniSearch (vendor/minisearch-7.2.0.js) over window.UNAKN_SEARCH
   (search-data.js, written by `unakn site`). Works from any static file server, no network.
   Results are built with textContent only: no document text is ever parsed as HTML. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !window.MiniSearch || !window.UNAKN_SEARCH) {
    return;
  }
  // Chinese and Japanese have no spaces: index single characters and pairs of characters.
  var CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
  function tokenize(text) {
    var out = [];
    text.split(/[\s\p{P}\p{S}]+/u).forEach(function (word) {
      if (!word) {
        return;
      }
      if (CJK.test(word)) {
        for (var i = 0; i < word.length; i++) {
          out.push(word[i]);
          if (i + 1 < word.length) {
            out.push(word.substr(i, 2));
          }
        }
      } else {
        out.push(word);
      }
    });
    return out;
  }
  var index = new window.MiniSearch({
    fields: ["symbol", "title", "text"],
    storeFields: ["symbol", "title", "url", "lang"],
    tokenize: tokenize,
    searchOptions: {boost: {symbol: 3, title: 2}, prefix: true, combineWith: "AND"}
  });
  index.addAll(window.UNAKN_SEARCH);

  function run() {
    var query = input.value.trim();
    list.textContent = "";
    if (!query) {
      status.textContent = "";
      return;
    }
    var hits = index.search(query).slice(0, 50);
    status.textContent = hits.length
      ? form.getAttribute("data-results").replace("{n}", String(hits.length))
      : form.getAttribute("data-none");
    hits.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.url;
      link.lang = hit.lang;
      link.dir = "auto";
      link.textContent = hit.symbol + " — " + hit.title;
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", run);
  form.hidden = false;
})();
