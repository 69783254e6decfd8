// datapackage-js (the Frictionless library a test validates packages with) ships no types.
declare module "datapackage";
