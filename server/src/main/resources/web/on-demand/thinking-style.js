// The on-demand modules' styles (thinking.css), added to the page once, when the first of them loads.
const link = document.createElement('link');
link.rel = 'stylesheet';
link.href = new URL('thinking.css', import.meta.url).href;
document.head.append(link);
