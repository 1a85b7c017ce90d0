// Builds dist/passerelle.js: the widget and socket.io-client in one minified file, its CSS
// inlined (it goes into the widget's shadow root, so one request loads everything).
// Same sources and lock file, same bytes: nothing here depends on the time or the machine.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/index.js'],
  outfile: 'dist/passerelle.js',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2018'],
  loader: { '.css': 'text' },
  legalComments: 'eof',
  logLevel: 'warning',
});
