"""The workbench's training step in PyTorch, for a speed comparison on the same machine.

Same architecture as workbench.core.model.MiniTransformer: token + learned position embeddings,
pre-LayerNorm blocks, multi-head causal attention without biases, GELU (tanh) feed-forward network
without biases, final LayerNorm, output tied to the token embeddings; AdamW; batch 12 x 64 tokens.

Run with Debian's PyTorch:  /usr/bin/python3 src/bench/python/train_step.py
"""
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d, heads, ffn):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d, bias=False)
        self.proj = nn.Linear(d, d, bias=False)
        self.ln2 = nn.LayerNorm(d)
        self.w1 = nn.Linear(d, ffn, bias=False)
        self.w2 = nn.Linear(ffn, d, bias=False)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        hs = d // self.heads
        q = q.view(b, t, self.heads, hs).transpose(1, 2)
        k = k.view(b, t, self.heads, hs).transpose(1, 2)
        v = v.view(b, t, self.heads, hs).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hs)
        mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
        att = att.masked_fill(~mask, float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(b, t, d)
        x = x + self.proj(y)
        return x + self.w2(F.gelu(self.w1(self.ln2(x)), approximate="tanh"))


class Model(nn.Module):
    def __init__(self, vocab, context, d, layers, heads, ffn):
        super().__init__()
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(context, d)
        self.blocks = nn.ModuleList([Block(d, heads, ffn) for _ in range(layers)])
        self.ln = nn.LayerNorm(d)

    def forward(self, idx, targets):
        t = idx.shape[1]
        x = self.tok(idx) + self.pos(torch.arange(t))
        for block in self.blocks:
            x = block(x)
        logits = self.ln(x) @ self.tok.weight.T
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def time_step(name, layers, d, heads, threads, steps=30):
    torch.manual_seed(1)
    torch.set_num_threads(threads)
    model = Model(65, 64, d, layers, heads, 4 * d)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.99), weight_decay=0.1)
    x = torch.randint(0, 65, (12, 64))
    y = torch.randint(0, 65, (12, 64))
    for _ in range(5):
        opt.zero_grad(set_to_none=True)
        model(x, y).backward()
        opt.step()
    start = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        model(x, y).backward()
        opt.step()
    ms = (time.perf_counter() - start) * 1000 / steps
    print(f"{name:8s} threads={threads}  {ms:7.2f} ms/step  {12 * 64 / ms * 1000:8.0f} tokens/s")


if __name__ == "__main__":
    print("torch", torch.__version__)
    for threads in (1, 2):
        time_step("nanogpt", 4, 128, 4, threads)
        time_step("small", 1, 64, 4, threads)
    sys.stdout.flush()
