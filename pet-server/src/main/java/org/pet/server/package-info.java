/**
 * The pet HTTP server (Vert.x): secure aggregation rounds, the DP query service with its persisted privacy
 * budget ledger, and the transparency log. It depends on pet-core for all computing and only ever sees
 * masked inputs of secure aggregation rounds. Not yet implemented; see the project issues.
 */
package org.pet.server;
