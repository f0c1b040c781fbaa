/** Netty's {@code ResourceLeakDetector} reports through leakhound's tracker: {@link io.leakhound.tracker.netty.NettyLeakAdapter}. */
package io.leakhound.tracker.netty;
