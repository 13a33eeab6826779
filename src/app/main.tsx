import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { holdCoreOnInput } from './engine/pageGate';
import { keepAddressInSync, openFromAddress } from './link/sync';
import { useStore } from './store';
import './styles.css';

openFromAddress(useStore);
keepAddressInSync(useStore);
void useStore.getState().loadHistory();
holdCoreOnInput(window);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
