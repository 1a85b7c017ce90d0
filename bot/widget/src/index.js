// Entry point: <script src=".../widget/passerelle.js" data-server="https://rasa.example" defer>.
import { readConfig } from './config.js';
import { Widget } from './widget.js';

const script = document.currentScript;

function boot() {
  if (document.getElementById('passerelle-widget')) return; // embedded twice: one widget
  new Widget(readConfig(script)).start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
