package org.jasyncio.bench.network;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Writes back every buffer it reads, flushing once per read batch (Netty's usual way:
 * one flush per {@code channelReadComplete}, not one per buffer). Back-pressure: when the
 * outbound buffer passes its high-water mark, auto-read stops until it drains, so a peer
 * that does not read cannot make the server buffer without bound.
 */
@ChannelHandler.Sharable
final class NettyEchoHandler extends ChannelInboundHandlerAdapter {
    static final NettyEchoHandler INSTANCE = new NettyEchoHandler();

    private NettyEchoHandler() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.write(msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
