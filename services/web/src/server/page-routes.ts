/**
 * Every page's routes in one router. Signed-in pages sit behind `requireSignedIn` (sign in first, then come back);
 * what someone may see on them is the gateway's answer, never a rule here.
 */
import express, { type RequestHandler, type Router } from 'express';
import { reportsRoutes } from '../public/reports';

export const pageRoutes = (requireSignedIn?: RequestHandler): Router => {
  const open = express.Router();
  reportsRoutes(open);
  const signedIn = express.Router();
  if (requireSignedIn) signedIn.use(requireSignedIn);
  const all = express.Router();
  all.use(open, signedIn);
  return all;
};
