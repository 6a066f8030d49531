package org.pet.vdaf;

import java.util.ArrayList;
import java.util.List;

/**
 * The fully linear proof of Boneh, Boyle, Corrigan-Gibbs, Gilboa and Ishai (CRYPTO 2019) as the VDAF draft
 * specifies it (draft-irtf-cfrg-vdaf-20, section 7.3): {@code prove} records every gadget call's input wires,
 * interpolates one wire polynomial per input (its first value a random wire seed) and sends the seeds and
 * the gadget polynomials; {@code query}, run on shares, evaluates the circuit with the gadget outputs read
 * from the proof and tests each gadget at a random point; {@code decide} checks the circuit output is zero
 * and the gadget tests agree. Deterministic given the randomness passed in.
 *
 * @param <E> the field's element type
 */
final class FlpBbcggi19<E extends FieldElement<E>> {

  final ValidityCircuit<E, ?, ?> valid;
  private final Field<E> field;

  FlpBbcggi19(ValidityCircuit<E, ?, ?> valid) {
    this.valid = valid;
    this.field = valid.field;
  }

  int proveRandLen() {
    return valid.gadgets().stream().mapToInt(Gadget::arity).sum();
  }

  int queryRandLen() {
    return valid.gadgets().size() + (valid.evalOutputLen() > 1 ? valid.evalOutputLen() : 0);
  }

  int proofLen() {
    int length = 0;
    for (int i = 0; i < valid.gadgets().size(); i++) {
      Gadget<E> g = valid.gadgets().get(i);
      length += g.arity() + Gadget.gadgetPolyLen(g.degree(), Gadget.wirePolyLen(valid.gadgetCalls().get(i)));
    }
    return length;
  }

  int verifierLen() {
    return 1 + valid.gadgets().stream().mapToInt(g -> g.arity() + 1).sum();
  }

  /** prove(meas, prove_rand, joint_rand). */
  List<E> prove(List<E> meas, List<E> proveRand, List<E> jointRand) {
    requireLength(meas, valid.measLen(), "meas");
    requireLength(proveRand, proveRandLen(), "prove_rand");
    requireLength(jointRand, valid.jointRandLen(), "joint_rand");
    List<Recorder> recorders = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < valid.gadgets().size(); i++) {
      Gadget<E> g = valid.gadgets().get(i);
      recorders.add(new Recorder(g, proveRand.subList(offset, offset + g.arity()), valid.gadgetCalls().get(i), null));
      offset += g.arity();
    }
    valid.eval(meas, jointRand, 1, List.copyOf(recorders));
    List<E> proof = new ArrayList<>();
    for (Recorder recorder : recorders) {
      int p = recorder.wires.get(0).size();
      proof.addAll(recorder.seeds);
      List<E> gadgetPoly = recorder.inner.evalPoly(field, recorder.wires);
      proof.addAll(gadgetPoly.subList(0, Gadget.gadgetPolyLen(recorder.inner.degree(), p)));
    }
    return proof;
  }

  /**
   * query(meas, proof, query_rand, joint_rand, num_shares).
   *
   * @throws IllegalArgumentException if a test point is a root of unity of the wire polynomials' order
   */
  List<E> query(List<E> meas, List<E> proof, List<E> queryRand, List<E> jointRand, int numShares) {
    requireLength(meas, valid.measLen(), "meas");
    requireLength(proof, proofLen(), "proof");
    requireLength(queryRand, queryRandLen(), "query_rand");
    requireLength(jointRand, valid.jointRandLen(), "joint_rand");
    List<Recorder> recorders = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < valid.gadgets().size(); i++) {
      Gadget<E> g = valid.gadgets().get(i);
      int calls = valid.gadgetCalls().get(i);
      int gadgetPolyLen = Gadget.gadgetPolyLen(g.degree(), Gadget.wirePolyLen(calls));
      List<E> seeds = proof.subList(offset, offset + g.arity());
      List<E> gadgetPoly = proof.subList(offset + g.arity(), offset + g.arity() + gadgetPolyLen);
      offset += g.arity() + gadgetPolyLen;
      recorders.add(new Recorder(g, seeds, calls, gadgetPoly));
    }
    List<E> out = valid.eval(meas, jointRand, numShares, List.copyOf(recorders));
    E v;
    List<E> testPoints = queryRand;
    if (valid.evalOutputLen() > 1) {
      v = field.zero();
      for (int i = 0; i < valid.evalOutputLen(); i++) {
        v = v.add(queryRand.get(i).mul(out.get(i)));
      }
      testPoints = queryRand.subList(valid.evalOutputLen(), queryRand.size());
    } else {
      v = out.get(0);
    }
    List<E> verifier = new ArrayList<>();
    verifier.add(v);
    for (int i = 0; i < recorders.size(); i++) {
      Recorder recorder = recorders.get(i);
      E t = testPoints.get(i);
      int p = recorder.wires.get(0).size();
      if (t.pow(java.math.BigInteger.valueOf(p)).equals(field.one())) {
        throw new IllegalArgumentException("test point is a root of unity");
      }
      verifier.addAll(Polynomials.lagrangeEvalBatched(field, recorder.wires, t));
      verifier.add(Polynomials.lagrangeEval(field, recorder.poly, t));
    }
    return verifier;
  }

  /** decide(verifier). */
  boolean decide(List<E> verifier) {
    requireLength(verifier, verifierLen(), "verifier");
    if (!verifier.get(0).equals(field.zero())) {
      return false;
    }
    int offset = 1;
    for (Gadget<E> g : valid.gadgets()) {
      List<E> wireChecks = verifier.subList(offset, offset + g.arity());
      E gadgetCheck = verifier.get(offset + g.arity());
      offset += g.arity() + 1;
      if (!g.eval(field, wireChecks).equals(gadgetCheck)) {
        return false;
      }
    }
    return true;
  }

  private static void requireLength(List<?> values, int length, String name) {
    if (values.size() != length) {
      throw new IllegalArgumentException("`" + name + "` must have length " + length + ", had " + values.size());
    }
  }

  /**
   * ProveGadget and QueryGadget: records each call's input wires after the wire seeds; when proving it
   * evaluates the real gadget, when querying it reads the output from the proof's gadget polynomial,
   * extended to enough evaluations (every {@code step}-th is a wire point).
   */
  private final class Recorder implements Gadget<E> {
    final Gadget<E> inner;
    final List<E> seeds;
    final List<List<E>> wires = new ArrayList<>();
    /** Query only: the gadget polynomial's evaluations, and the stride between wire points. */
    final List<E> poly;
    private final int step;
    private int calls;

    Recorder(Gadget<E> inner, List<E> seeds, int gadgetCalls, List<E> gadgetPoly) {
      this.inner = inner;
      this.seeds = List.copyOf(seeds);
      int p = Gadget.wirePolyLen(gadgetCalls);
      for (E seed : seeds) {
        List<E> wire = new ArrayList<>(field.zeros(p));
        wire.set(0, seed);
        wires.add(wire);
      }
      if (gadgetPoly == null) {
        poly = null;
        step = 0;
        return;
      }
      List<E> values = new ArrayList<>(gadgetPoly);
      Polynomials.extendValuesToPowerOfTwo(field, values, Gadget.nextPowerOfTwo(values.size()));
      int size = Gadget.nextPowerOfTwo(Gadget.gadgetPolyLen(inner.degree(), p));
      while (values.size() < size) {
        values = Polynomials.doubleEvaluations(field, values);
      }
      poly = values;
      step = size / p;
    }

    @Override
    public int arity() {
      return inner.arity();
    }

    @Override
    public int degree() {
      return inner.degree();
    }

    @Override
    public E eval(Field<E> f, List<E> inputs) {
      calls++;
      for (int j = 0; j < inputs.size(); j++) {
        wires.get(j).set(calls, inputs.get(j));
      }
      return poly == null ? inner.eval(f, inputs) : poly.get(calls * step);
    }

    @Override
    public List<E> evalPoly(Field<E> f, List<List<E>> inputPolys) {
      return inner.evalPoly(f, inputPolys);
    }
  }
}
