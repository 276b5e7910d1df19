/** Every file a run writes, atomically: an explanation's files, manifest.json, and the report that collects them. */
package org.saliency4j.report;
