/** JMH benchmarks of weft against its peers. */
package dev.weft.benchmarks;
