// datapackage-js ships no types; the tests describe what they use of it.
declare module 'datapackage';
