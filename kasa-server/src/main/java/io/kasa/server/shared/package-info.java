/**
 * What every feature shares: the error catalog and its exception, field validation, the two
 * languages, the business clock, the cluster-wide limit buckets, and (in {@code web}) the
 * envelopes and request plumbing.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.kasa.server.shared;

import org.springframework.modulith.ApplicationModule;
