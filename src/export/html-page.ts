/** The HTML export's own style and script (the player's come from asciinema-player). */

export const PAGE_CSS = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em; color: #1f2328; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; border-bottom: 1px solid #d0d7de; padding-bottom: .2em; } h3 { font-size: 1.05em; }
code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2em 0; }
.player { margin: 1em 0 2em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .5em 0; }
dt { font-weight: 600; color: #59636e; }
dd { margin: 0; }
ol.conversation { list-style: none; padding: 0; }
ol.conversation li { margin: .4em 0; padding: .3em .6em; border-left: 3px solid #d0d7de; }
li.prompt { border-color: #0969da !important; background: #ddf4ff; }
li.answer { border-color: #8250df !important; }
li.thinking { color: #59636e; }
li.prompt button, h3 button { float: right; cursor: pointer; }
.bad { color: #cf222e; }
pre.screen { background: #f6f8fa; padding: .5em; }
`;

/** Reads the cast from its JSON element, starts the player, and makes every ▶ jump to its marker. */
export const PAGE_JS = `(function () {
  var data = JSON.parse(document.getElementById('aisess-cast').textContent);
  var player = AsciinemaPlayer.create({ data: data.cast }, document.getElementById('aisess-player'), { fit: 'width', idleTimeLimit: 3, preload: true });
  window.aisessPlayer = player;
  document.querySelectorAll('button[data-marker]').forEach(function (button) {
    button.addEventListener('click', function () {
      var marker = Number(button.getAttribute('data-marker'));
      if (marker < 0) return;
      Promise.resolve(player.seek({ marker: marker })).then(function () { player.play(); });
      document.querySelector('.player').scrollIntoView();
    });
  });
})();
`;
