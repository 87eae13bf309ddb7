/** playground.html: the pane beside a simulated Outlook or Word, with no Office.js at all. */

import { createRoot } from 'react-dom/client';
import { Playground } from './Playground';

createRoot(document.getElementById('root') as HTMLElement).render(<Playground />);
