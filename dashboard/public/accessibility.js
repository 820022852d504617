// The accessibility statement (tillgänglighetsredogörelse, /tillganglighet) required of
// Swedish public bodies' web services, in the chosen language; no login.

import { startPublicPage } from './promise-common.js';

startPublicPage('a11y.title').finally(() => { document.body.dataset.ready = 'true'; });
