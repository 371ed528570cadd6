set -u
mkdir -p /tmp/n && tar xzf .device/node.tgz -C /tmp/n
N=/tmp/n/package/bin/node
$N --version > $OUT/env.txt; nvidia-smi -L >> $OUT/env.txt 2>&1
$N .device/mirqab-agent.mjs gpu-probe > $OUT/probe-idle.json 2>$OUT/probe-idle.err; echo "idle exit $?" >> $OUT/env.txt
python3 - > $OUT/load.txt 2>&1 <<'PY' &
import torch, time
a = torch.randn(8192, 8192, device='cuda', dtype=torch.bfloat16); b = torch.randn_like(a)
t = time.time(); n = 0
while time.time() - t < 25:
    c = a @ b; n += 1
    if n % 50 == 0: torch.cuda.synchronize()
torch.cuda.synchronize(); el = time.time() - t
print(f"matmuls {n} in {el:.1f}s: {2*8192**3*n/el/1e12:.0f} TFLOP/s")
PY
LOAD=$!
sleep 10
for i in 1 2 3; do $N .device/mirqab-agent.mjs gpu-probe >> $OUT/probe-load.jsonl 2>>$OUT/probe-load.err; echo "load probe $i exit $?" >> $OUT/env.txt; sleep 3; done
wait $LOAD
$N .device/mirqab-agent.mjs gpu-probe > $OUT/probe-after.json 2>&1
echo done >> $OUT/env.txt
